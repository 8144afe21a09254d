package changeledger.architecture.cyclefixture.b;

import changeledger.architecture.cyclefixture.a.Alpha;

/** The other half of a deliberate package cycle: b imports a. */
public class Beta {

    /** Uses the first half. */
    public Alpha alpha() {
        return new Alpha();
    }
}
