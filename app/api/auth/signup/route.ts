// POST /api/auth/signup — create an account
import { withAuth } from "@/lib/auth/with-auth";
import { createUser } from "@/lib/server/users/create-user";
import { signUpSchema } from "@/lib/validations/auth";

export const POST = withAuth(
  async ({ body }) => {
    const input = await body(signUpSchema);
    const user = await createUser(input);
    return Response.json({ data: user }, { status: 201 });
  },
  { public: true },
);
