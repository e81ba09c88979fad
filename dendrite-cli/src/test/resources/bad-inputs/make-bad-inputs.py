#!/usr/bin/env python3
"""Writes the crafted files of this folder (run from here; not run by the build).

Each file is bad for its own reason; BadInputsTest runs every one through the commands it
applies to and expects one line on stderr, exit code 1 or 2 and no stack trace. The model
files start from dendrite-core's format-version-1 fixtures.
"""
import gzip
import os
import shutil
import struct

core = '../../../../../dendrite-core/src/test/resources/fixtures/v1/'

# A model whose first weight is NaN (a version-1 file: no checksum to fail first).
model = bytearray(open(core + 'iris-model.safetensors', 'rb').read())
header_length = struct.unpack('<Q', model[:8])[0]
model[8 + header_length:8 + header_length + 4] = struct.pack('<I', 0x7fc00000)
open('nan-weights.safetensors', 'wb').write(model)
# A header length of 99 MB in a 9-byte file.
open('huge-header.safetensors', 'wb').write(struct.pack('<Q', 99_000_000) + b'{')
open('not-a-model.safetensors', 'wb').write(b'hello, I am not a model\n')
shutil.copy(core + 'iris-checkpoints/checkpoint-000000004.safetensors', 'checkpoint-not-a-model.safetensors')

csv = {
    'empty.csv': '',
    'huge-label.csv': 'a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n6.3,3.3,6.0,2.5,65535\n',
    'sparse-labels.csv': 'a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n6.3,3.3,6.0,2.5,500\n7.0,3.2,4.7,1.4,1\n',
    'single-class.csv': 'a,b,c,d,label\n5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n4.7,3.2,1.3,0.2,setosa\n',
    'ragged.csv': 'a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,1\n',
    'nan-cell.csv': 'a,b,c,d,label\n5.1,NaN,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n',
    'no-label-column.csv': 'a,b,c,d,species_typo\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n',
    'unclosed-quote.csv': 'a,b,c,d,label\n"5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n',
}
for name, text in csv.items():
    open(name, 'w').write(text)
open('not-utf8.csv', 'wb').write(b'a,b,c,d,label\n5.1,3.5,1.4,0.2,\xff\xfe\n')

# Gzipped IDX files whose headers declare 100,000 images but hold 1,000 bytes.
os.makedirs('mnist-truncated', exist_ok=True)
for prefix in ['train', 't10k']:
    with gzip.open(f'mnist-truncated/{prefix}-images-idx3-ubyte.gz', 'wb') as f:
        f.write(struct.pack('>IIII', 2051, 100000, 28, 28) + bytes(1000))
    with gzip.open(f'mnist-truncated/{prefix}-labels-idx1-ubyte.gz', 'wb') as f:
        f.write(struct.pack('>II', 2049, 100000) + bytes(100))
# Image files with the labels' magic number.
os.makedirs('mnist-wrong-magic', exist_ok=True)
for prefix in ['train', 't10k']:
    open(f'mnist-wrong-magic/{prefix}-images-idx3-ubyte', 'wb').write(struct.pack('>IIII', 2049, 1, 28, 28) + bytes(784))
    open(f'mnist-wrong-magic/{prefix}-labels-idx1-ubyte', 'wb').write(struct.pack('>II', 2049, 1) + bytes(1))
