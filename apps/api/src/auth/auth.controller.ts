import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Public } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginResponse } from './login-response.view';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrorResponses(
    400,
    [401, 'Wrong username or password'],
    413,
    415,
    [429, 'Too many failed logins for this username or address; Retry-After says when to try again'],
    500,
    503,
  )
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginResponse> {
    return this.auth.login(dto, address);
  }
}
