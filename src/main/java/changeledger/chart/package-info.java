/** Inline SVG charts drawn from read models: the geometry only, for the report's and the dashboard's templates to render. */
package changeledger.chart;
