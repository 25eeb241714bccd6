export { dateString, isCalendarDate, MAX_DATE, MIN_DATE } from "./date-string";
export { latestToday, notAfterToday, TODAY_TOLERANCE_DAYS } from "./today";
