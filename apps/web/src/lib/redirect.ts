/**
 * Where to go after signing in: the `redirect` of the login page's URL when it is a path of this app,
 * else the start page. Anything else (`//evil.example`, `https://…`, `/login`) is ignored, so a link
 * cannot send the user elsewhere.
 */
export function redirectTarget(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  if (value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return '/';
  return value;
}
