import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class EvidenceFileDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Sanitised display name' }) fileName: string;
  @ApiProperty({ description: 'Detected from the content', example: 'image/jpeg' })
  contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() createdAt: string;
}

export class InfluenceReportDto {
  @ApiProperty({ example: 'H28', description: 'The checklist item the report was made from' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/)
  itemId: string;
}

export class InfluenceReportRecordedDto {
  @ApiProperty() itemId: string;
  @ApiProperty() recordedAt: string;
}
