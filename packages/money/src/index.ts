export { DEFAULT_DECIMAL_PRECISION, Decimal, amount, decimalString, formatDecimal, quantity, unitCost } from "./decimal";
export { currencyCode, formatMoney, isCurrencyCode, minorUnits } from "./currency";
