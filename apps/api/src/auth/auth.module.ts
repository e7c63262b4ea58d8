import { createSecretKey } from 'node:crypto';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator.service';
import { SessionsService } from './sessions.service';
import { LoginThrottleService } from './login-throttle.service';
import { TokenService } from './token.service';

/** Login, sessions, tokens and the global guard. Authenticator and SessionsService are exported for the socket gateway and account changes. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(jwtSecret: string): DynamicModule {
    return {
      module: AuthModule,
      // A KeyObject, made once: given a string, jsonwebtoken first tries every token's secret as a public key (OpenSSL
      // parsing it, then failing), which was 40 % of the CPU of 10,000 consoles connecting (docs/benchmarks.md).
      imports: [UsersModule, JwtModule.register({ secret: createSecretKey(Buffer.from(jwtSecret)), signOptions: { algorithm: 'HS256' } })],
      controllers: [AuthController],
      providers: [AuthService, TokenService, SessionsService, Authenticator, LoginThrottleService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenService, SessionsService, Authenticator],
    };
  }
}
