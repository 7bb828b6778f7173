import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import {
  CreateUserDto,
  GrantRoleDto,
  ListUsersQuery,
  RoleAssignmentDto,
  SetPasswordDto,
  UpdateUserDto,
  UserDetailDto,
  UserPageDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @CheckPolicy('read', 'User')
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({ summary: "Search users in the caller's scope, a page at a time" })
  @ApiProblems(400)
  list(
    @Query() query: ListUsersQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UserPageDto> {
    return this.users.list(query, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'User')
  @ApiOkResponse({ type: UserDetailDto })
  @ApiOperation({ summary: 'One user with roles and status' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UserDetailDto> {
    return this.users.get(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'User')
  @ApiCreatedResponse({ type: UserDetailDto })
  @ApiOperation({ summary: 'Create a user with a temporary password' })
  @ApiProblems([400, 'validation_failed', 'password_policy'], 409)
  create(
    @Body() dto: CreateUserDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UserDetailDto> {
    return this.users.create(dto, user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'User')
  @ApiOkResponse({ type: UserDetailDto })
  @ApiOperation({ summary: "Change a user's name, e-mail, unit or active status" })
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UserDetailDto> {
    return this.users.update(id, dto, user, ability);
  }

  @Post(':id/password')
  @HttpCode(204)
  @CheckPolicy('update', 'User')
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Set a temporary password (the user must change it at next sign-in)' })
  @ApiProblems([400, 'validation_failed', 'password_policy'], 404)
  setPassword(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetPasswordDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.users.setPassword(id, dto.password, user, ability);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @CheckPolicy('update', 'User')
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Unlock an account locked after failed sign-ins' })
  @ApiProblems(400, 404)
  unlock(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.users.unlock(id, user, ability);
  }

  @Post(':id/roles')
  @CheckPolicy('create', 'RoleAssignment')
  @ApiCreatedResponse({ type: RoleAssignmentDto })
  @ApiOperation({ summary: "Grant a role over a unit's subtree" })
  @ApiProblems(400, 404, 409)
  grantRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GrantRoleDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<RoleAssignmentDto> {
    return this.users.grantRole(id, dto, user, ability);
  }

  @Delete(':id/roles/:assignmentId')
  @HttpCode(204)
  @CheckPolicy('delete', 'RoleAssignment')
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Revoke a role assignment' })
  @ApiProblems(400, 404, 409)
  revokeRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.users.revokeRole(id, assignmentId, user, ability);
  }
}
