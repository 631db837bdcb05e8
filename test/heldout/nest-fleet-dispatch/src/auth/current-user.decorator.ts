import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: 'driver' | 'dispatcher' | 'admin';
  depotIds: string[];
  emailVerified: boolean;
}

/** The user the JWT strategy put on the request (see auth/jwt.strategy.ts). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest();
  return request.user as AuthUser;
});

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
