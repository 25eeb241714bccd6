/** winston formats: the sanitising step shared by both outputs, and the two outputs. */
import { format } from "winston";
import { isSensitiveKey, REDACTED, sanitize } from "./sanitize";

/** Sanitises every field of the entry and the message; the level and symbol keys are left alone. */
export const sanitizeFormat = format((info) => {
  for (const key of Object.keys(info)) {
    if (key === "level") continue;
    if (key === "message") info.message = sanitize(info.message);
    else info[key] = isSensitiveKey(key) ? REDACTED : sanitize(info[key]);
  }
  return info;
});

export const jsonOutput = format.combine(format.timestamp(), format.json());

/** `10:15:00.123 info  [tenant] message requestId=…` for humans; stacks on their own lines. */
export function prettyOutput(colors: boolean) {
  return format.combine(
    format.timestamp({ format: "HH:mm:ss.SSS" }),
    ...(colors ? [format.colorize({ level: true })] : []),
    format.printf(({ timestamp, level, message, service, stack, ...fields }) => {
      const stacks = typeof stack === "string" ? [stack] : [];
      const extra = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => {
          if (typeof value === "string") return `${key}=${value}`;
          // A logged error's stack is unreadable inside one-line JSON.
          if (isObjectWithStack(value)) {
            const { stack: errorStack, ...rest } = value;
            stacks.push(errorStack);
            return `${key}=${JSON.stringify(rest)}`;
          }
          return `${key}=${JSON.stringify(value)}`;
        })
        .join(" ");
      const line = `${String(timestamp)} ${level} [${String(service)}] ${String(message)}${extra ? ` ${extra}` : ""}`;
      return [line, ...stacks].join("\n");
    }),
  );
}

function isObjectWithStack(value: unknown): value is { stack: string } & Record<string, unknown> {
  return typeof value === "object" && value !== null && typeof (value as { stack?: unknown }).stack === "string";
}
