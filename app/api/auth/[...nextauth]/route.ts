import { otherMethods } from "@/lib/api/methods";
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
