/** Days past due to the aging's buckets: the edges of each. */
import { agingBucket } from "./get-aging";

it("not yet due or due today is current; then 1-30, 31-60, 61-90 and over 90 days past due", () => {
  const cases: [number, string][] = [
    [-45, "current"],
    [0, "current"],
    [1, "days1To30"],
    [30, "days1To30"],
    [31, "days31To60"],
    [60, "days31To60"],
    [61, "days61To90"],
    [90, "days61To90"],
    [91, "over90"],
    [4000, "over90"],
  ];
  expect(cases.map(([days]) => [days, agingBucket(days)])).toEqual(cases);
});
