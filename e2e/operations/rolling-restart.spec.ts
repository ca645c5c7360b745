// Two instances of the production build behind a load balancer (a small proxy here, which, like
// nginx or an ALB, checks /api/health/ready and retries a request whose connection was refused):
// a client writing in a loop while each instance in turn is stopped with SIGTERM and started
// again sees no failed request. Also: a stopping instance's event streams are told to reconnect.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { signedInUser } from "../factories/users";
import { createWorkspace } from "../factories/workspaces";

const basePort = Number(process.env.E2E_PORT ?? 3100);
const lbPort = basePort + 11;
const ports = [basePort + 12, basePort + 13];

type Instance = { port: number; child: ChildProcess; output: string; exited: Promise<number | null> };

async function startInstance(port: number): Promise<Instance> {
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${lbPort}`,
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      // The writer below sends far more than a script's usual 600 requests a minute.
      API_RATE_LIMIT: "1000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance: Instance = {
    port,
    child,
    output: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout!.on("data", (d) => (instance.output += d));
  child.stderr!.on("data", (d) => (instance.output += d));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited: ${instance.output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).ok) return instance;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance on ${port} not ready: ${instance.output}`);
}

/** Round-robin over the upstreams that answered their last readiness check; a refused connection goes to the next. */
function loadBalancer(upstreams: number[]) {
  const healthy = new Set(upstreams);
  let next = 0;
  const probe = setInterval(() => {
    for (const port of upstreams) {
      fetch(`http://127.0.0.1:${port}/api/health/ready`, { signal: AbortSignal.timeout(1000) })
        .then((res) => (res.ok ? healthy.add(port) : healthy.delete(port)))
        .catch(() => healthy.delete(port));
    }
  }, 250);
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: Set<number>) => {
    const candidates = upstreams.filter((p) => !tried.has(p));
    const preferred = candidates.filter((p) => healthy.has(p));
    const pool = preferred.length ? preferred : candidates;
    if (pool.length === 0) {
      res.writeHead(502).end("no upstream");
      return;
    }
    const port = pool[next++ % pool.length];
    tried.add(port);
    const upstream = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err: NodeJS.ErrnoException) => {
      // The request never reached the instance: safe to send elsewhere, even a POST.
      if (err.code === "ECONNREFUSED" && !res.headersSent) forward(req, res, body, tried);
      else if (!res.headersSent) res.writeHead(502).end(String(err.code));
      else res.destroy();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  return {
    listen: () => new Promise<void>((resolve) => server.listen(lbPort, "127.0.0.1", resolve)),
    close: () => {
      clearInterval(probe);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test.describe.configure({ mode: "serial" });

// Flaky, so not run until fixed: on a clean clone it failed once in two runs with one "502 ECONNRESET"
// (a connection the kernel accepted just before the stopping instance closed its socket), and its retry
// saw the stopped instance exit by a signal instead of 0; with SHUTDOWN_DELAY_MS above the proxy's
// readiness poll it timed out instead. Issue 17's "no failed request across a rolling restart" is
// therefore not proven.
test.fixme("a rolling restart of two instances fails no request of a client writing in a loop", async ({ page }) => {
  test.setTimeout(300_000);
  test.skip(!process.env.DATABASE_URL, "needs scripts/e2e.mjs, which names the run's database");
  await signedInUser(page, "operator");
  const workspaceId = await createWorkspace(page, "Rolling restart");
  const tokenRes = await page.request.post(`/api/workspaces/${workspaceId}/api-tokens`, {
    data: { name: "writer", scope: "READ_WRITE" },
  });
  expect(tokenRes.status()).toBe(201);
  const token: string = (await tokenRes.json()).data.token;

  const instances = await Promise.all(ports.map(startInstance));
  const lb = loadBalancer(ports);
  await lb.listen();
  const failures: string[] = [];
  let writes = 0;
  let writing = true;
  const writer = (async () => {
    while (writing) {
      try {
        const res = await fetch(`http://127.0.0.1:${lbPort}/api/workspaces/${workspaceId}`, {
          method: "PATCH",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ name: `Rolling restart ${writes}` }),
        });
        if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
        else writes++;
      } catch (err) {
        failures.push(String(err));
      }
    }
  })();

  try {
    for (const i of [0, 1]) {
      const before = writes;
      await expect.poll(() => writes, { timeout: 30_000 }).toBeGreaterThan(before + 20);
      const stopping = instances[i];
      stopping.child.kill("SIGTERM");
      expect(await stopping.exited).toBe(0);
      expect(stopping.output).toContain('"msg":"Stopped"');
      const during = writes;
      await expect.poll(() => writes, { timeout: 30_000 }).toBeGreaterThan(during + 20);
      instances[i] = await startInstance(ports[i]);
    }
    const after = writes;
    await expect.poll(() => writes, { timeout: 30_000 }).toBeGreaterThan(after + 20);
  } finally {
    writing = false;
    await writer;
    await lb.close();
  }
  expect(failures).toEqual([]);

  // Each instance logged its requests as JSON lines with the request id, route template, user and workspace.
  const lines = instances
    .flatMap((instance) => instance.output.split("\n"))
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
  const write = lines.find((l) => l.msg === "request" && l.method === "PATCH");
  expect(write).toMatchObject({
    route: "/api/workspaces/[workspaceId]",
    status: 200,
    workspaceId,
  });
  expect(write.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof write.userId).toBe("string");
  expect(JSON.stringify(lines)).not.toContain(token);

  // A stopping instance tells its event streams to reconnect, then closes them.
  const target = instances[0];
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const stream = await fetch(`http://127.0.0.1:${target.port}/api/workspaces/${workspaceId}/events`, {
    headers: { cookie, accept: "text/event-stream" },
  });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let received = "";
  const readAll = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      received += decoder.decode(value);
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  target.child.kill("SIGTERM");
  await readAll;
  expect(received).toContain("retry: 1000");
  expect(await target.exited).toBe(0);
  instances[1].child.kill("SIGTERM");
  await instances[1].exited;
});
