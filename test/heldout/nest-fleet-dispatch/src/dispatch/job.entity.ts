import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type JobStatus = 'pending' | 'assigned' | 'picked_up' | 'delivered' | 'cancelled';

@Entity('jobs')
export class Job {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column()
  depotId!: string;

  @Index()
  @Column({ nullable: true })
  driverId!: string | null;

  @Column({ type: 'varchar', default: 'pending' })
  status!: JobStatus;

  @Column()
  customerName!: string;

  @Column()
  customerPhone!: string;

  @Column()
  pickupAddress!: string;

  @Column()
  deliveryAddress!: string;

  @Column({ nullable: true })
  deliveryWindow!: string | null;

  @Column({ type: 'text', nullable: true })
  accessNotes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

@Entity('depot_memberships')
export class DepotMembership {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column()
  depotId!: string;

  @Index()
  @Column()
  userId!: string;

  @Column({ type: 'varchar' })
  role!: 'driver' | 'manager';
}
