/**
 * Values every feature may use, named once: the class of an event, and plain faults a caller can act on (answered
 * as problem details in one place, {@code api.ProblemMappers}). Imports no other package of the service.
 */
package changeledger.domain;
