package changeledger.architecture.cyclefixture.a;

import changeledger.architecture.cyclefixture.b.Beta;

/** Half of a deliberate package cycle: a imports b. */
public class Alpha {

    /** Uses the other half. */
    public Beta beta() {
        return new Beta();
    }
}
