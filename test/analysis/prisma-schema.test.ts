import { describe, expect, it } from 'vitest';
import { prismaModels } from '../../src/analysis/prisma-schema.js';

describe('prismaModels', () => {
  it('reads models and composite types, their fields and types, and skips comments and block attributes', () => {
    const text = [
      'datasource db {',
      '  provider = "mongodb"',
      '}',
      '/// A chat thread',
      'model Conversation {',
      '  id        String   @id @default(auto()) @map("_id") @db.ObjectId // the key',
      '  userIds   String[] @db.ObjectId',
      '  users     User[]   @relation(fields: [userIds], references: [id])',
      '  address   Address?',
      '  @@index([userIds])',
      '}',
      'type Address {',
      '  street String',
      '}',
      'enum Role {',
      '  ADMIN',
      '}',
    ].join('\n');
    const models = prismaModels([{ text }]);
    expect([...models.keys()]).toEqual(['conversation', 'address']);
    expect(models.get('conversation')!.fields).toEqual([
      { name: 'id', type: 'String' },
      { name: 'userIds', type: 'String' },
      { name: 'users', type: 'User' },
      { name: 'address', type: 'Address' },
    ]);
    expect(models.get('address')).toEqual({ name: 'Address', embedded: true, fields: [{ name: 'street', type: 'String' }] });
  });

  it('merges a model split over two schema files and never throws on junk', () => {
    const models = prismaModels([{ text: 'model User {\n  id Int @id\n}' }, { text: 'model User {\n  email String\n}\n}}{ model' }, { text: '\u0000\uffff' }]);
    expect(models.get('user')!.fields.map((f) => f.name)).toEqual(['id', 'email']);
  });
});
