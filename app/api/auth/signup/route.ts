// POST /api/auth/signup — create an account (limited per IP)
import { clientIp, consumeSignUp } from "@/lib/auth/rate-limit";
import { withAuth } from "@/lib/auth/with-auth";
import { createUser } from "@/lib/server/users/create-user";
import { signUpSchema } from "@/lib/validations/auth";

export const POST = withAuth(
  async ({ req, body }) => {
    await consumeSignUp(clientIp(req.headers));
    const input = await body(signUpSchema);
    const user = await createUser(input);
    return Response.json({ data: user }, { status: 201 });
  },
  { public: true },
);
