// API tokens are rate-limited per token (rate-limiter-flexible, counters in
// PostgreSQL): past the limit, 429 with Retry-After and the usual error body.
import { beforeAll, expect, it } from "vitest";
import { callRoute } from "@/test/call-route";
import { makeUser, makeWorkspace, sessionCookie, type TestUser } from "@/test/factories";

// Read when the limiter is first used, i.e. by the first request below.
process.env.API_RATE_LIMIT = "5";
process.env.API_RATE_LIMIT_WINDOW = "60";

const tokens = "api/workspaces/[workspaceId]/api-tokens/route.ts";
const articles = "api/workspaces/[workspaceId]/articles/route.ts";

let user: TestUser;
let workspaceId: string;

beforeAll(async () => {
  user = await makeUser();
  workspaceId = await makeWorkspace([{ user, role: "ANALYST" }]);
});

async function newToken(): Promise<string> {
  const res = await callRoute({
    file: tokens,
    method: "POST",
    params: { workspaceId },
    cookie: await sessionCookie(user),
    json: { name: "Busy script", scope: "READ" },
  });
  return (await res.json()).data.token;
}

const list = (token: string) =>
  callRoute({ file: articles, method: "GET", params: { workspaceId }, headers: { authorization: `Bearer ${token}` } });

it("answers 429 with Retry-After once a token has used up its window, and counts each token apart", async () => {
  const token = await newToken();
  for (let i = 0; i < 5; i++) expect((await list(token)).status).toBe(200);
  const limited = await list(token);
  expect(limited.status).toBe(429);
  const retryAfter = Number(limited.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const { error } = await limited.json();
  expect(error.code).toBe("RATE_LIMITED");
  expect(error.details.retryAfter).toBe(retryAfter);

  // Another token of the same user has its own window; the session is not limited.
  expect((await list(await newToken())).status).toBe(200);
  const withCookie = await callRoute({
    file: articles,
    method: "GET",
    params: { workspaceId },
    cookie: await sessionCookie(user),
  });
  expect(withCookie.status).toBe(200);
});
