import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DemoCases } from './demo-cases';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [CasesModule], providers: [DemoSeeder, DemoCases], exports: [DemoSeeder] })
export class DemoModule {}
