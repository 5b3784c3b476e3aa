import { NextResponse, type NextRequest } from 'next/server';
import { userCookie, userOf } from './lib/demoUser';

/**
 * The example's stand-in for sign-in: a first request without the user cookie gets one (a
 * random id). The Connect handler's `getUser` and the callback page read it.
 */
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (!userOf(request.cookies.get(userCookie)?.value)) {
    const id = crypto.randomUUID().replaceAll('-', '');
    response.cookies.set(userCookie, id, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: request.nextUrl.protocol === 'https:',
    });
  }
  return response;
}

export const config = {
  // Pages and the API; not the build's static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
