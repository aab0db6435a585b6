package com.alphaleak.training.tpe;

/**
 * erf and erfc to double precision, by the rational approximations of FreeBSD's msun
 * {@code s_erf.c} (the same coefficients Optuna's {@code _erf.py} uses). The JDK has no erf, and
 * the 1e-7 Chebyshev fit this replaces made the Parzen log densities differ from Optuna's in the
 * seventh digit and lose the tails.
 *
 * <p>The coefficients and the method come from fdlibm: "Copyright (C) 1993 by Sun Microsystems, Inc.
 * All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved."
 */
final class Erf {
    private Erf() {}

    private static final double ERX = 8.45062911510467529297e-01;
    private static final double EFX = 1.28379167095512586316e-01;
    private static final double[] PP = {1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
        -5.77027029648944159157e-03, -2.37630166566501626084e-05};
    private static final double[] QQ = {1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
        1.32494738004321644526e-04, -3.96022827877536812320e-06};
    private static final double[] PA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
        3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02, -2.16637559486879084300e-03};
    private static final double[] QA = {1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
        1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02};
    private static final double[] RA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e01,
        -6.23753324503260060396e01, -1.62396669462573470355e02, -1.84605092906711035994e02, -8.12874355063065934246e01,
        -9.81432934416914548592e00};
    private static final double[] SA = {1, 1.96512716674392571292e01, 1.37657754143519042600e02, 4.34565877475229228821e02,
        6.45387271733267880336e02, 4.29008140027567833386e02, 1.08635005541779435134e02, 6.57024977031928170135e00,
        -6.04244152148580987438e-02};
    private static final double[] RB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e01,
        -1.60636384855821916062e02, -6.37566443368389627722e02, -1.02509513161107724954e03, -4.83519191608651397019e02};
    private static final double[] SB = {1, 3.03380607434824582924e01, 3.25792512996573918826e02, 1.53672958608443695994e03,
        3.19985821950859553908e03, 2.55305040643316442583e03, 4.74528541206955367215e02, -2.24409524465858183362e01};

    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r;
        if (a < 0x1p-28) r = a + EFX * a;
        else if (a < 0.84375) {
            double z = a * a;
            r = a + a * (poly(PP, z) / poly(QQ, z));
        } else if (a < 1.25) r = ERX + poly(PA, a - 1) / poly(QA, a - 1);
        else if (a < 6) r = 1 - tail(a);
        else r = 1;
        return Math.copySign(r, x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        double r;
        if (a < 0.84375) {
            double z = a * a;
            r = 1 - (a + a * (poly(PP, z) / poly(QQ, z)));
        } else if (a < 1.25) r = 1 - ERX - poly(PA, a - 1) / poly(QA, a - 1);
        else if (a < 28) r = tail(a);
        else r = 0;
        return x < 0 ? 2 - r : r;
    }

    /** erfc(a) for 1.25 <= a < 28. */
    private static double tail(double a) {
        double s = 1 / (a * a);
        double rs = a < 1 / 0.35 ? poly(RA, s) / poly(SA, s) : poly(RB, s) / poly(SB, s);
        // exp(-a^2) split as msun does: a = z + (a - z) with z's low 32 bits cleared, so a^2 is exact in two parts.
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xffffffff00000000L);
        return Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + rs) / a;
    }

    private static double poly(double[] c, double x) {
        double r = 0;
        for (int i = c.length - 1; i >= 0; i--) r = r * x + c[i];
        return r;
    }
}
