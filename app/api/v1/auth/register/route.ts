import { getDb } from "@/db/client";
import { registerUser } from "@/lib/accounts/service";
import { otherMethods } from "@/lib/api/methods";
import { readJson, route } from "@/lib/api/route";
import { registerInput } from "@/lib/validation/auth";

export const POST = route(async (req) => {
  const input = registerInput.parse(await readJson(req));
  const account = await registerUser(getDb(), input);
  return Response.json({ id: account.userId, email: account.email, name: account.name, workspace_id: account.workspaceId }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
