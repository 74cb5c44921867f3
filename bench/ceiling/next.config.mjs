// The ceiling for `npm run bench` (SPEC §17): a Next.js app with one route handler and nothing else,
// built with the project's own `next` and served by `next start`, as any Next.js app would be.
/** @type {import('next').NextConfig} */
const nextConfig = { poweredByHeader: false };

export default nextConfig;
