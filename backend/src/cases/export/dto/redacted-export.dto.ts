import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length, Matches } from 'class-validator';

export const MAX_MASKS = 50;

export class RedactedExportDto {
  @ApiProperty({
    type: [String],
    maxItems: MAX_MASKS,
    description:
      'Passages to mask (each 1–500 characters; every occurrence, in any letter case). The reporter identity is always masked as well.',
    example: ['Storgatan 12', 'Nils Nilsson'],
  })
  @IsArray()
  @ArrayMaxSize(MAX_MASKS)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  @Matches(/\S/u, { each: true, message: 'a mask must contain more than white space' })
  masks: string[];
}
