import { z } from "zod";
import { apiRoute, component, dataOf } from "@/lib/openapi/registry";
import { changePasswordSchema, signUpSchema } from "@/lib/validations/auth";

const SignUp = component("SignUp", signUpSchema);
const ok = dataOf(z.object({ ok: z.literal(true) }));

apiRoute({
  method: "post",
  path: "/api/auth/signup",
  tag: "Account",
  summary: "Create an account",
  description: "Then sign in at /signin (next-auth's own routes under /api/auth are not part of this API).",
  permission: "public",
  body: SignUp,
  response: {
    status: 201,
    description: "The new user.",
    schema: dataOf(z.object({ id: z.string(), email: z.string(), name: z.string() })),
  },
  errors: [409],
});

apiRoute({
  method: "post",
  path: "/api/account/password",
  tag: "Account",
  summary: "Change my password",
  description: "Ends every session, this one too.",
  permission: "user",
  body: changePasswordSchema,
  response: { status: 200, description: "Changed.", schema: ok },
});

apiRoute({
  method: "delete",
  path: "/api/account/sessions",
  tag: "Account",
  summary: "Sign out everywhere",
  permission: "user",
  response: { status: 200, description: "Every session ended.", schema: ok },
});

apiRoute({
  method: "get",
  path: "/api/openapi.json",
  tag: "Account",
  summary: "This document",
  permission: "public",
  response: {
    status: 200,
    description: "The OpenAPI 3.1 document of the API.",
    schema: z.record(z.string(), z.unknown()),
  },
});
