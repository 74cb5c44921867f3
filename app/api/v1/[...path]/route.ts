// Any other /api/v1 path: 404 not_found in the §7 envelope instead of the HTML 404 page [no key]
import { unknownApiRoute } from "@/lib/api/unknown-route";

export const GET = unknownApiRoute;
export const POST = unknownApiRoute;
export const PUT = unknownApiRoute;
export const PATCH = unknownApiRoute;
export const DELETE = unknownApiRoute;
export const OPTIONS = unknownApiRoute;
