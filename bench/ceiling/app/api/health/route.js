// Rendered per request, as Latchkey's route handlers are (not prerendered at build time).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
