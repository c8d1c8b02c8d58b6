const testKey = 'kam_COSXVkr5LIF809iHnZNeIcADPpgWZxmF';
