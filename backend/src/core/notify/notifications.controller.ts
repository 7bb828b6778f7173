import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckPolicy, CurrentUser } from '../authz/decorators';
import type { AuthUser } from '../authz/roles';
import { ApiProblems } from '../errors/api-problems';
import {
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
} from './dto/notification.dto';
import { MyNotificationsService } from './my-notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mine: MyNotificationsService) {}

  @Get()
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiOperation({
    summary: "The signed-in user's notifications, newest first, with the unread count",
  })
  @ApiProblems(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() q: NotificationQueryDto,
  ): Promise<NotificationPageDto> {
    return this.mine.list(user, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @CheckPolicy('update', 'Me')
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiOperation({ summary: "Mark all of the signed-in user's notifications read" })
  markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedReadDto> {
    return this.mine.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @CheckPolicy('update', 'Me')
  @ApiOkResponse({ type: NotificationDto })
  @ApiOperation({ summary: "Mark one of the signed-in user's notifications read" })
  @ApiProblems(400, 404)
  markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationDto> {
    return this.mine.markRead(user, id);
  }
}
