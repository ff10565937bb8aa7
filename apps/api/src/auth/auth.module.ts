import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';

/** Sign-in (password, single sign-on), the first administrator and demo users; the guard in front of every route. */
@Module({
  imports: [CatalogModule, UsersModule, SessionsModule, ApiKeysModule],
  controllers: [AuthController, OidcController],
  providers: [AuthService, OidcService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
