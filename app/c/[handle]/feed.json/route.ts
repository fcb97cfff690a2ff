import { otherMethods } from "@/lib/api/methods";
import { feedRoute } from "../feed-route";

export const dynamic = "force-dynamic";

export const GET = feedRoute("json");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
