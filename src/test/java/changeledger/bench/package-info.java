/**
 * The benchmark harness behind {@code bench/run.sh}: each project path measured against PostgreSQL's own
 * way of doing the same work, in the same run and database (ADR 0009). Not a test suite: no class here is
 * run by surefire, and none ships in the service jar.
 */
package changeledger.bench;
