import { otherMethods } from "@/lib/api/methods";
import { fileRoute } from "../file-route";

export const dynamic = "force-dynamic";

export const GET = fileRoute("video");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
