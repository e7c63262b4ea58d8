import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { DuringPasswordChange, Public } from './access.decorators';
import { CurrentActor, type Actor } from './actor';
import { AuthService } from './auth.service';
import { LoginResponse, RefreshResponse } from './login-response.view';
import { LoginDto } from './login.dto';
import { RefreshDto } from './refresh.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a username and password for a session: a short-lived access token and a refresh token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrorResponses(
    400,
    [401, 'Wrong username or password, or the user is deactivated'],
    413,
    415,
    [429, 'Too many failed logins for this username or address; Retry-After says when to try again'],
    500,
    503,
  )
  login(@Body() dto: LoginDto, @Ip() address: string, @Headers('user-agent') userAgent: string | undefined): Promise<LoginResponse> {
    return this.auth.login(dto, { address, device: userAgent ?? '' });
  }

  /** A new access token for the session of a refresh token; the consoles call it before their token expires. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: RefreshResponse })
  @ApiErrorResponses(400, [401, 'The session has ended or gone idle: log in again'], 413, 415, 500, 503)
  refresh(@Body() dto: RefreshDto): Promise<RefreshResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends the token's session: the token answers 401 from now on, and its sockets are disconnected. */
  @Post('logout')
  @HttpCode(204)
  @DuringPasswordChange()
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @ApiErrorResponses(401, 500, 503)
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }
}
