import { Module } from '@nestjs/common';
import { GiftGuideController } from './gift-guide.controller';
import { GiftGuideRepository } from './gift-guide.repository';
import { GiftGuideService } from './gift-guide.service';
import { GiftsController } from './gifts.controller';
import { GiftsRepository } from './gifts.repository';
import { GiftsService } from './gifts.service';
import { GiverLookupBrake } from './giver-lookup-brake';

/** "Får jag ta emot detta?" (versioned rules, evaluation) and the gift register. */
@Module({
  controllers: [GiftGuideController, GiftsController],
  providers: [
    GiftGuideService,
    GiftGuideRepository,
    GiftsService,
    GiftsRepository,
    GiverLookupBrake,
  ],
  exports: [GiftsService, GiftGuideService],
})
export class GiftsModule {}
