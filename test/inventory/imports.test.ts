import { describe, expect, it } from 'vitest';
import { scanImports } from '../../src/inventory/imports.js';

/**
 * Which imports a TypeScript compiler keeps. The text test settles what it can; what it leaves
 * unclear goes to a parse. In TSX an element (`<Badge />`) is a value use the text test settles
 * itself; each expectation is what tsc does with the file.
 */

const kept = (code: string) => scanImports(code, true, true).map((i) => [i.specifier, i.typeOnly]);

describe('scanImports: TSX elements are value uses', () => {
  const cases: Array<[string, string, boolean]> = [
    ['self-closing element', "import { Badge } from './Badge';\nexport const A = () => <Badge />;\n", false],
    ['element with props on the next line', "import { Badge } from './Badge';\nexport const A = () => (\n  <Badge\n    tone=\"red\"\n  />\n);\n", false],
    ['member element', "import * as Ui from './ui';\nexport const A = () => <Ui.Card>x</Ui.Card>;\n", false],
    ['after return', "import Panel from './Panel';\nexport function A() {\n  return <Panel open />;\n}\n", false],
    ['inside another element', "import { Row } from './Row';\nexport const A = () => <ul><Row key=\"1\" /></ul>;\n", false],
    ['type argument only', "import { Order } from './types';\nimport { useState } from 'react';\nexport function A() {\n  const [o] = useState<Order>();\n  const list: Array<Order> = [];\n  return <p>{String(o)}{list.length}</p>;\n}\n", true],
    ['annotation only', "import { Props } from './types';\nexport const A = (p: Props) => <p>{String(p)}</p>;\n", true],
    ['generic after a comma', "import { Row } from './types';\nexport const m: Map<string, Row> = new Map();\n", true],
  ];
  for (const [name, code, typeOnly] of cases) {
    it(`${name}: ${typeOnly ? 'erased' : 'kept'}, as tsc does`, () => {
      const specifier = /from '([^']+)'/.exec(code)![1]!;
      expect(kept(code).find(([s]) => s === specifier)).toEqual([specifier, typeOnly]);
    });
  }

  it('in a .ts file `<Order>x` is a cast, left to the parse: erased', () => {
    const code = "import { Order } from './types';\nexport const o = <Order>JSON.parse('{}');\n";
    expect(scanImports(code, true, false)).toEqual([{ specifier: './types', typeOnly: true }]);
  });
});

describe('scanImports: classes injected through a decorated constructor', () => {
  const ts = (code: string) => scanImports(code, true, false).map((i) => [i.specifier, i.typeOnly]);

  it('keeps a service a NestJS controller injects: its decorator metadata names the class', () => {
    const code = "import { Controller } from '@nestjs/common';\nimport { RoomsService } from './rooms.service';\n@Controller('rooms')\nexport class RoomsController {\n  constructor(private readonly rooms: RoomsService) {}\n}\n";
    expect(ts(code)).toContainEqual(['./rooms.service', false]);
  });

  it('erases the same annotation in a class without decorators, as tsc does', () => {
    const code = "import { RoomsService } from './rooms.service';\nexport class RoomsController {\n  constructor(private readonly rooms: RoomsService) {}\n}\n";
    expect(ts(code)).toContainEqual(['./rooms.service', true]);
  });

  it('erases a type used by a method parameter of a decorated class', () => {
    const code = "import { Injectable } from '@angular/core';\nimport { Room } from './room';\n@Injectable()\nexport class Rooms {\n  open(room: Room) { return String(room); }\n}\n";
    expect(ts(code)).toContainEqual(['./room', true]);
  });
});
