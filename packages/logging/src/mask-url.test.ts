import { maskUrl } from "./mask-url";

describe("maskUrl", () => {
  it.each([
    ["postgres://postgres:postgres@127.0.0.1:5433/erp", "postgres://postgres:***@127.0.0.1:5433/erp"],
    ["postgresql://app:s3cr%40t@db.internal/erp?sslmode=require", "postgresql://app:***@db.internal/erp?sslmode=require"],
    ["redis://:hunter2@cache:6379/0", "redis://:***@cache:6379/0"],
    ["amqps://user:p@ss@mq.example.com/vhost", "amqps://user:***@mq.example.com/vhost"],
    ["https://user:pw@example.com", "https://user:***@example.com"],
    ["mongodb+srv://admin:pw@cluster0.example.net/db", "mongodb+srv://admin:***@cluster0.example.net/db"],
  ])("masks the password of %s", (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it("masks secret-looking query parameters and keeps the others", () => {
    expect(maskUrl("postgres://db/erp?sslmode=require&password=hunter2&application_name=x")).toBe(
      "postgres://db/erp?sslmode=require&password=***&application_name=x",
    );
    expect(maskUrl("https://api.example.com/hook?access_token=abc&page=2#top")).toBe(
      "https://api.example.com/hook?access_token=***&page=2#top",
    );
    expect(maskUrl("https://api.example.com/x?api%5Fkey=k1")).toBe("https://api.example.com/x?api%5Fkey=***");
  });

  it("keeps URLs without secrets, user names alone, and text without URLs as they are", () => {
    for (const text of [
      "postgres://postgres@127.0.0.1:5432/postgres",
      "http://localhost:8080/docs",
      "KAFKA_BROKERS=127.0.0.1:9092",
      "user@example.com wrote: a:b@c",
      "",
    ]) {
      expect(maskUrl(text)).toBe(text);
    }
  });

  it("masks every URL inside longer text, quoted or not", () => {
    const text =
      'database: postgres://postgres:postgres@127.0.0.1:5433/erp (embedded); cache "redis://:pw@r:6379" and <https://u:p@h/x>';
    expect(maskUrl(text)).toBe(
      'database: postgres://postgres:***@127.0.0.1:5433/erp (embedded); cache "redis://:***@r:6379" and <https://u:***@h/x>',
    );
  });

  it("leaves nothing of the password in an error message or a stack", () => {
    const err = new Error("connect failed for postgres://svc:Sup3r-Secret@10.0.0.5:5432/erp");
    expect(maskUrl(err.message)).not.toContain("Sup3r-Secret");
    expect(maskUrl(String(err.stack))).not.toContain("Sup3r-Secret");
  });
});
