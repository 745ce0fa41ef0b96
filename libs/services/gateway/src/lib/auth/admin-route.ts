import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ADMIN_ROUTE } from './admin-token';
import { AdminTokenGuard } from './admin-token.guard';

/** The OpenAPI security scheme of the admin routes. */
export const ADMIN_SECURITY = 'admin-token';

/**
 * An operator's route: opened by the admin token (AdminTokenGuard), never by an API key, and not
 * counted against any tier (there is no account behind it).
 */
export const AdminRoute = () => applyDecorators(SetMetadata(ADMIN_ROUTE, true), UseGuards(AdminTokenGuard), ApiBearerAuth(ADMIN_SECURITY));
