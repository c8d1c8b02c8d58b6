from pyodide.http import pyfetch
KAMAN_KEY = "kam_3L6GWbIEsLWBOMwNwSoxfP7lzLttOljH"
