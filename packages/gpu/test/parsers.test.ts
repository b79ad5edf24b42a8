import { describe, expect, it } from 'vitest';
import { parseRocmJson } from '../src/amd/rocm-parse.js';
import { LineSplitter } from '../src/line-splitter.js';
import { NVIDIA_QUERY_FIELDS, nvidiaArguments, parseNvidiaLine } from '../src/nvidia/query.js';
import { fixture, GPU0, GPU1, MIB } from './helpers.js';

describe('nvidia-smi CSV', () => {
  it('asks for one long-lived csv,noheader,nounits stream with the fields in a fixed order', () => {
    expect(nvidiaArguments(250)).toEqual([
      '--query-gpu=index,uuid,name,utilization.gpu,utilization.memory,memory.used,memory.total,temperature.gpu,power.draw,power.limit',
      '--format=csv,noheader,nounits',
      '-lms',
      '250',
    ]);
    expect(NVIDIA_QUERY_FIELDS).toHaveLength(10);
  });

  it('parses every line of the recorded two-GPU sample, turning [N/A] and [Not Supported] into undefined', () => {
    const lines = fixture('nvidia-smi-h100x2.csv').trim().split('\n');
    const readings = lines.map(parseNvidiaLine);
    expect(readings).toHaveLength(8);
    expect(readings[0]).toEqual({
      vendor: 'nvidia',
      index: 0,
      id: GPU0.id,
      name: GPU0.name,
      utilization: 0.87,
      memoryActivity: 0.41,
      memoryUsedBytes: 61234 * MIB,
      memoryTotalBytes: 81559 * MIB,
      temperatureCelsius: 54,
      powerWatts: 512.34,
      powerLimitWatts: 700,
    });
    expect(readings[1]).toEqual({
      vendor: 'nvidia',
      index: 1,
      id: GPU1.id,
      name: GPU1.name,
      utilization: undefined,
      memoryActivity: undefined,
      memoryUsedBytes: 4123 * MIB,
      memoryTotalBytes: 81559 * MIB,
      temperatureCelsius: 38,
      powerWatts: 98.77,
      powerLimitWatts: 700,
    });
    expect(readings.map((reading) => reading?.index)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('accepts MIG uuids and other bracketed markers such as [Unknown Error]', () => {
    const reading = parseNvidiaLine(
      '3, MIG-1d2c3b4a-0000-5555-aaaa-123456789abc, NVIDIA A100-SXM4-40GB, [Unknown Error], 0, 10, 40960, 30, [N/A], 400.00',
    );
    expect(reading).toMatchObject({
      index: 3,
      id: 'MIG-1d2c3b4a-0000-5555-aaaa-123456789abc',
      utilization: undefined,
      powerWatts: undefined,
    });
  });

  it.each([
    ['not csv', 'garbage ### not csv at all'],
    ['a truncated row', `0, ${GPU0.id}, ${GPU0.name}, 87`],
    ['a non-numeric value', `0, ${GPU0.id}, ${GPU0.name}, eighty, 41, 61234, 81559, 54, 512.34, 700.00`],
    ['an extra column', `0, ${GPU0.id}, ${GPU0.name}, 87, 41, 61234, 81559, 54, 512.34, 700.00, 1`],
    ['a bad index', `x, ${GPU0.id}, ${GPU0.name}, 87, 41, 61234, 81559, 54, 512.34, 700.00`],
    ['a bad uuid', `0, not-a-uuid, ${GPU0.name}, 87, 41, 61234, 81559, 54, 512.34, 700.00`],
    ["nvidia-smi's driver error", "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."],
  ])('rejects %s', (_what, line) => {
    expect(parseNvidiaLine(line)).toBeUndefined();
  });
});

describe('rocm-smi JSON', () => {
  it('parses each card of the real --json shape, ignoring the system entry, with N/A as missing', () => {
    expect(parseRocmJson(fixture('rocm-smi-mi210x2.json'))).toEqual({
      skipped: 0,
      readings: [
        {
          vendor: 'amd',
          index: 0,
          id: '0x18f68e602b8a790f',
          name: 'AMD Instinct MI210',
          utilization: 0.76,
          memoryActivity: 0.22,
          memoryUsedBytes: 11274289152,
          memoryTotalBytes: 68702699520,
          temperatureCelsius: 43,
          powerWatts: 104,
          powerLimitWatts: undefined,
        },
        {
          vendor: 'amd',
          index: 1,
          id: 'card1',
          name: 'AMD Instinct MI210',
          utilization: 0,
          memoryActivity: 0,
          memoryUsedBytes: 10973184,
          memoryTotalBytes: 68702699520,
          temperatureCelsius: 35,
          powerWatts: undefined,
          powerLimitWatts: undefined,
        },
      ],
    });
  });

  it('reads older spellings, derives bytes from the allocation percentage, and counts malformed cards', () => {
    const older = {
      card0: {
        'GPU use (%)': '5',
        'GPU memory use (%)': '9',
        'GPU Memory Allocated (VRAM%)': '50',
        'VRAM Total Memory (B)': '1000',
        'Temperature (Sensor junction) (C)': '60.5',
        'Current Socket Graphics Package Power (W)': '350.0',
        'Card series': 'MI300X',
      },
      card1: { 'GPU use (%)': 'lots' },
      card2: 'not an object',
    };
    expect(parseRocmJson(JSON.stringify(older))).toEqual({
      skipped: 2,
      readings: [
        expect.objectContaining({
          id: 'card0',
          name: 'MI300X',
          utilization: 0.05,
          memoryActivity: 0.09,
          memoryUsedBytes: 500,
          temperatureCelsius: 60.5,
          powerWatts: 350,
        }),
      ],
    });
    expect(parseRocmJson('WARNING: not json')).toBeUndefined();
    expect(parseRocmJson('[1,2]')).toBeUndefined();
  });
});

describe('line splitting', () => {
  it('joins lines across chunks, strips CR, and discards overlong and unterminated lines once each', () => {
    const lines: string[] = [];
    let discarded = 0;
    const splitter = new LineSplitter(
      10,
      (line) => lines.push(line),
      () => discarded++,
    );
    splitter.push('ab');
    splitter.push('c\r\nde\n');
    splitter.push('x'.repeat(25));
    splitter.push('yyyy\nok\npart');
    splitter.end();
    expect(lines).toEqual(['abc', 'de', 'ok']);
    expect(discarded).toBe(2);
  });
});
