export const widgetKey = "kam_e3K0WesvQ3JkbiP397GblCIBvsiP7DqJ";
