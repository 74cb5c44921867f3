import "server-only";
import QRCode from "qrcode";

/**
 * The enrolment QR code as an SVG data URL, drawn on the server: the secret never goes to a
 * third-party QR service, and the page's CSP (img-src 'self' data:) allows it as an <img>.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
