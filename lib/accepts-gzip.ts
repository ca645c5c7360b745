/** True when a request's `Accept-Encoding` takes gzip (`gzip` or `*`, not with `q=0`). */
export function acceptsGzip(req: Request): boolean {
  return (req.headers.get("accept-encoding") ?? "")
    .split(",")
    .some((part) => /^\s*(gzip|\*)\s*(;\s*q=(?!0(\.0*)?\s*$)[\d.]+\s*)?$/i.test(part));
}
