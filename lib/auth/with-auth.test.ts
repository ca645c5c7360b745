// withAuth's reading of a JSON body, on requests built by hand (no database needed: the route is public).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";

const echo = withAuth(async ({ body }) => Response.json({ data: await body(z.object({ name: z.string() })) }), {
  public: true,
  anonymous: true,
});
const context = { params: Promise.resolve({}) };

function post(body: BodyInit) {
  return new Request("http://localhost/api/echo", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("withAuth's body", () => {
  it("parses the JSON the schema accepts", async () => {
    const res = await echo(post(JSON.stringify({ name: "Kabul" })), context);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { name: "Kabul" } });
  });

  it("answers 400 when the client goes away mid-body, not 503 as if the database were down", async () => {
    const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const halfSent = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"Ka'));
        controller.error(reset);
      },
    });
    const res = await echo(post(halfSent), context);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "BAD_REQUEST" });
  });
});
