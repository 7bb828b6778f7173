import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'Stable code of what happened; the UI translates it (notifications.kinds.<kind>)',
    example: 'case.acknowledgement_due',
  })
  kind: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description:
      'Ids, dates, reference numbers and short codes for the translated text; never content',
  })
  params: Record<string, string | number | boolean>;
  @ApiProperty({ description: 'Path inside the app', example: '/arenden/1b9d6bcd-…' })
  link: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ description: "All of the user's unread notifications (not only this page's)" })
  unread: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` to get the next (older) page; null on the last page',
  })
  nextBefore: string | null;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications were marked read' }) updated: number;
}

/** Keyset cursor: "<createdAt in ms>.<id>", as returned in `nextBefore`. */
export const NOTIFICATION_CURSOR =
  /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class NotificationQueryDto {
  @ApiProperty({ required: false, description: 'Cursor from `nextBefore`' })
  @IsOptional()
  @IsString()
  @Matches(NOTIFICATION_CURSOR, { message: 'before: använd värdet från nextBefore' })
  before?: string;

  @ApiProperty({ required: false, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiProperty({ required: false, enum: ['true', 'false'], description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }): unknown =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}
