import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() displayName!: string;
  @Column() email!: string;
  @Column() passwordHash!: string;
  @Column({ nullable: true }) stripeCustomerId!: string;
}

@Entity()
export class Lot {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Column({ default: 0 }) hammerCents!: number;
  @OneToMany(() => Photo, (p) => p.lot) photos!: Photo[];
  @ManyToOne(() => Sale) sale!: Sale;
}

@Entity()
export class Photo {
  @PrimaryGeneratedColumn() id!: number;
  @Column('text') dataUri!: string;
  @ManyToOne(() => Lot) lot!: Lot;
}

@Entity()
export class Sale {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity()
export class Bid {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Lot) lot!: Lot;
  @ManyToOne(() => User) user!: User;
  @Column() amountCents!: number;
  @Column({ nullable: true }) paddleNumber!: number;
}

@Entity()
export class Registration {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Lot) lot!: Lot;
  @ManyToOne(() => User) user!: User;
}
