export { dateString, isCalendarDate, MAX_DATE, MIN_DATE } from "./date-string";
