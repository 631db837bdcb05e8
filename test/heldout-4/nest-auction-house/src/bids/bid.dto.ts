import { IsInt, IsPositive, IsString, Length } from 'class-validator';

export class PlaceBidDto {
  @IsInt()
  lotId!: number;

  @IsInt()
  @IsPositive()
  amountCents!: number;
}

export class RelayDto {
  @IsString()
  @Length(1, 164)
  channel!: string;

  @IsString()
  event!: string;

  payload!: Record<string, unknown>;
}
