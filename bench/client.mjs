// A minimal Marginalia API client for the benchmarks: sign-up, sign-in and JSON calls with a session cookie.

/** Throws with the status and body of an unexpected response. */
async function expectOk(res, what) {
  if (res.ok) return res;
  const body = await res.text().catch(() => "");
  throw new Error(`${what}: HTTP ${res.status} ${body.slice(0, 300)}`);
}

/** `Set-Cookie` headers of a response as a name → value map. */
function cookiesOf(res) {
  const cookies = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    cookies[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return cookies;
}

/**
 * Signs up a new user and signs in through next-auth's credentials callback.
 * Returns a client whose calls carry the session cookie.
 */
export async function signUpAndSignIn(baseUrl, { name, email, password }) {
  await expectOk(
    await fetch(`${baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, email, password }),
    }),
    "sign-up",
  );
  const csrfRes = await expectOk(await fetch(`${baseUrl}/api/auth/csrf`), "csrf");
  const csrfCookies = cookiesOf(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: Object.entries(csrfCookies)
        .map(([k, v]) => `${k}=${v}`)
        .join("; "),
    },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const sessionToken = cookiesOf(signIn)["next-auth.session-token"];
  if (!sessionToken) throw new Error(`sign-in: no session cookie (HTTP ${signIn.status})`);
  const cookie = `next-auth.session-token=${sessionToken}`;

  /** Calls the API with JSON; returns the parsed body's `data`. */
  async function api(method, path, body) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await expectOk(res, `${method} ${path}`);
    return (await res.json()).data;
  }

  return { cookie, sessionToken, api };
}

/** Waits until `url` answers (any HTTP status), polling every 500 ms; false after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs, isAlive = () => true }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) return false;
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}
