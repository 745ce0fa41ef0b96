import { Module } from '@nestjs/common';
import { ReputationController } from './reputation.controller';
import { Ledger } from './ledger/ledger';
import { PrivilegeCheck } from './privileges/privilege-check';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';

/** Votes, trust and contributor reputation (votes arrive with the reputation issue). */
@Module({ controllers: [ReputationController], providers: [GetReputationUseCase, Ledger, PrivilegeCheck] })
export class ReputationModule {}
