"""Every model number stated in chapter 3's prose, recomputed (the text must change if the model does).

Generated from the chapter author's verification script; run by pytest.
"""
# ruff: noqa

from dataclasses import replace
from widgets import Threat, Situation, predict, ModelParameters
from widgets.model.conditions import choice_grid
from widgets.io.cases import load_cases, get_case, Case, cases_for, predict_cases
from widgets.model.alignment import CHOICES, feasibility, outcome_weakness
def pc(t,s,k,params=None): return round(100*predict(t,s,params=params).probabilities[k])
def ch(t,s,params=None): return predict(t,s,params=params).choice
FAILURES = []
def check(name,got,want):
    if got!=want: FAILURES.append((name,got,want))
# explorer B
T=lambda P,I: Threat(P,1.0,0.75,I)
check('B start',(ch(T(.75,.25),Situation(0,.25)),pc(T(.75,.25),Situation(0,.25),'bandwagon')),('bandwagon',78))
sh=lambda I,a: round(100*choice_grid(T(.75,I),Situation(0,a),'own_strength','aggregate_power',points=11).share('bandwagon'),1)
check('B shares',[sh(.25,.25),sh(.25,0),sh(0,0),sh(.25,.5),sh(.25,.75),sh(.5,.25),sh(.75,.25),sh(1,.25),sh(0,.25)],[11.6,24.0,28.9,4.1,0.0,9.1,7.4,5.8,14.9])
check('B a.5',(ch(T(.75,.25),Situation(0,.5)),pc(T(.75,.25),Situation(0,.5),'balance'),pc(T(.75,.25),Situation(0,.5),'bandwagon')),('bandwagon',43,53))
check('B a.75',(ch(T(.75,.25),Situation(0,.75)),pc(T(.75,.25),Situation(0,.75),'balance')),('balance',69))
check('B bp a1', round(100*choice_grid(T(.75,.25),Situation(0,1),'own_strength','aggregate_power',points=11).share('buck-pass')),64)
# hypothesis 5: the cross stays in bandwagoning at every level of intentions; balancing 18% -> 28%, bandwagoning 71% at 1
check('B I choice',{ch(T(.75,I),Situation(0,.25)) for I in (.25,.5,.75,1)},{'bandwagon'})
check('B I balance',[pc(T(.75,I),Situation(0,.25),'balance') for I in (.25,1)],[18,28])
check('B I1 bw',pc(T(.75,1),Situation(0,.25),'bandwagon'),71)
# F for the cross (negligible, support .25) is .25; for a negligible state F equals a; at a = 0 intentions do not tilt
check('B F',feasibility(Situation(0,.25)),.25)
check('F = a for a negligible state',[feasibility(Situation(0,a)) for a in (0,.25,.5,.75,1)],[0,.25,.5,.75,1])
def _odds(I):
    pr=predict(T(.75,I),Situation(0,0)).probabilities; return pr['balance']/pr['bandwagon']
check('F0 no tilt',all(abs(_odds(I)-_odds(0))<1e-9 for I in (.25,.5,.75,1)),True)
# explorer A
A=lambda P,X,O: Threat(P,X,O,.25)
check('A start',(pc(A(.25,1,.75),Situation(0,.25),'balance'),pc(A(.25,1,.75),Situation(0,.25),'bandwagon')),(52,36))
check('A P s0',[pc(A(P,1,.75),Situation(0,.25),'bandwagon') for P in (0,.25,.5,.75,1)],[18,36,59,78,90])
check('A P s0 bal .5',pc(A(.5,1,.75),Situation(0,.25),'balance'),34)
check('A P s.25',[pc(A(P,1,.75),Situation(.25,.25),'bandwagon') for P in (0,1)],[9,43])
check('A P s.25 choice',{ch(A(P,1,.75),Situation(.25,.25)) for P in (0,.25,.5,.75,1)},{'balance'})
check('A P s.5',[pc(A(P,1,.75),Situation(.5,.25),'bandwagon') for P in (0,.25,.5,.75,1)],[4,5,5,5,5])
check('A P s.5 bal',[pc(A(P,1,.75),Situation(.5,.25),'balance') for P in (0,1)],[77,92])
import itertools
L=(0,.25,.5,.75,1)
check('A count',[sum(ch(A(P,X,O),Situation(s,.25))=='bandwagon' for P,X,O in itertools.product(L,L,L)) for s in L],[56,0,0,0,0])
check('H3',[pc(A(.75,0,.75),Situation(0,.25),k) for k in ('bandwagon','balance','neutral')],[43,27,29])
check('H3 start',pc(A(.75,1,.75),Situation(0,.25),'bandwagon'),78)
check('H3 s.5',[pc(A(.75,X,.75),Situation(.5,.25),'balance') for X in (0,1)],[66,91])
check('H4 O0',[pc(A(.75,.5,0),Situation(0,.25),k) for k in ('neutral','balance','bandwagon')],[44,25,31])
check('H4 O.5',[pc(A(.75,.5,.5),Situation(0,.25),k) for k in ('bandwagon','balance')],[55,27])
check('H4 O1',pc(A(.75,.5,1),Situation(0,.25),'bandwagon'),72)
# 'again for a middle power: offensive power only feeds balancing' (bandwagoning stays at about 5% or less)
check('H4 s.5',([pc(A(.75,.5,O),Situation(.5,.25),'balance') for O in (0,1)],max(pc(A(.75,.5,O),Situation(.5,.25),'bandwagon') for O in (0,.25,.5,.75,1))<=5),([53,88],True))
# model in brief: F is 1 at parity or with certain allies
check('F = 1 at parity or with certain allies',(feasibility(Situation(.5,0)),feasibility(Situation(0,1))),(1.0,1.0))
# explorer C
G=Threat(.85,.75,.75,1.0)
check('C peace',(ch(G,Situation(0,.5)),pc(G,Situation(0,.5),'balance'),pc(G,Situation(0,.5),'bandwagon')),('balance',69,30))
shC=lambda war,v,k='bandwagon': round(100*choice_grid(G,Situation(0,.5,war,v),points=11).share(k),1)
check('C shares',[shC(False,.5),shC(True,.75),shC(True,1)],[6.6,14.0,42.1])
def _cellsC(war,v):
    g=choice_grid(G,Situation(0,.5,war,v),points=11); W=CHOICES.index('bandwagon')
    return [(g.x_values[i],g.y_values[j]) for j,row in enumerate(g.choice) for i,cc in enumerate(row) if cc==W]
# peace: bandwagoning only at own strength <= .2 and support <= .3; everything else balances
check('C peace region',(max((x for x,_ in _cellsC(False,.5)),default=None),max((y for _,y in _cellsC(False,.5)),default=None)),(0.2,0.3))
check('C peace rest balances',round(shC(False,.5)+shC(False,.5,'balance'),1),100.0)
# war, v .75: own strength <= .2, support up to .7 for the weakest
check('C v.75 region',(max((x for x,_ in _cellsC(True,.75)),default=None),max((y for x,y in _cellsC(True,.75) if x==0),default=None)),(0.2,0.7))
# war, outcome open: the map is the peacetime one
_gp=choice_grid(G,Situation(0,.5,False,.5),points=11); _gw=choice_grid(G,Situation(0,.5,True,.5),points=11)
check('C v.5 map = peace map',[list(r) for r in _gp.choice]==[list(r) for r in _gw.choice],True)
# threat losing: the cross balances (96%), only the (0, 0) corner bandwagons
check('C v.25',(pc(G,Situation(0,.5,True,.25),'balance'),_cellsC(True,.25)),(96,[(0.0,0.0)]))
check('C v.75',(ch(G,Situation(0,.5,True,.75)),pc(G,Situation(0,.5,True,.75),'bandwagon')),('bandwagon',83))
check('C v.5 same',pc(G,Situation(0,.5,True,.5),'balance'),69)
check('C a0',pc(G,Situation(0,0,True,.75),'bandwagon'),99)
check('C v1 s.5 a.25',[pc(G,Situation(.5,.25,True,1),k) for k in ('balance','bandwagon')],[52,47])
# cases
c=load_cases()
ids=cases_for('bandwagoning',c)
t=predict_cases(c)
check('n tagged',len(ids),22)
recoded=sorted(i for i in ids if c.loc[i,'observed']!='bandwagon')
check('recoded as balancing, two predicted',(recoded,[t.loc[i,'correct'] for i in recoded]),(['bavaria-1805','japan-1940','romania-1940'],[True,False,True]))
# Japan 1940: a hit before the land-power reading (l = 0), now kept out (98%) by a threat whose armed forces were 0.03 of the great powers'
_j=get_case('japan-1940',c); _jr=_j.predict()
check('japan-1940 kept out',(_jr.choice,round(100*_jr.probabilities['neutral']),_j.situation.threat_army_share,_j.situation.capability>=.25,_jr.stay_out['hegemony']>0),('neutral',98,0.03,True,True))
check('japan-1940 a hit without the land-power reading',ch(_j.threat,_j.situation,replace(ModelParameters(),land_hegemony=0.0)),'balance')
check('recoded threats',[c.loc[i,'threat_source'] for i in recoded],['Austria','United States','Soviet Union'])
bw=[i for i in ids if c.loc[i,'observed']=='bandwagon']
check('n bandwagoners',len(bw),19)
hits=[i for i in bw if t.loc[i,'correct']]
check('hits',sorted(hits),sorted(['joseon-1637','baden-1806','prussia-1812','bulgaria-1941','thailand-1941','yugoslavia-1941','bulgaria-1944','finland-1944','romania-1944','bulgaria-1915','italy-1940','yugoslavia-1937','finland-1948']))
check('hits: targets of a winning enemy',sorted(i for i in hits if c.loc[i,'war'] and c.loc[i,'target'] and c.loc[i,'victory']>.5),sorted(['joseon-1637','baden-1806','prussia-1812','bulgaria-1941','thailand-1941','yugoslavia-1941','bulgaria-1944','finland-1944','romania-1944']))
check('hits: wartime bystanders',sorted(i for i in hits if c.loc[i,'war'] and not c.loc[i,'target']),['bulgaria-1915','italy-1940'])
check('hits: peacetime',sorted(i for i in hits if not c.loc[i,'war']),['finland-1948','yugoslavia-1937'])
check('hits are weak, small, little-helped, facing aggressive aims',all(c.loc[i,'own_strength']<=.2 and c.loc[i,'capability']<.25 and c.loc[i,'allied_support']<=.5 and c.loc[i,'aggressive_intentions']>=.75 for i in hits),True)
_F=[feasibility(get_case(i,c).situation) for i in hits]
check('hits F range',(round(min(_F,default=-1),2),round(max(_F,default=-1),2)),(0.14,0.64))
def _margin(i):
    pr=sorted(t.loc[i,['p_balance','p_bandwagon','p_buck-pass','p_neutral']],reverse=True)
    return pr[0]-pr[1]
check('hits narrow (< 15 points)',sorted(i for i in hits if _margin(i)<.15),sorted(['joseon-1637','prussia-1812','bulgaria-1915','italy-1940']))
_bwhits=lambda params: sorted(i for i in bw if predict(get_case(i,c).threat,get_case(i,c).situation,params=params).choice=='bandwagon')
check('hits without F',_bwhits(ModelParameters(resistance_feasibility=0.0)),sorted(['baden-1806','bulgaria-1941','bulgaria-1944','yugoslavia-1941','finland-1944']))
check('hits without F and K',_bwhits(ModelParameters(resistance_feasibility=0.0,capitulation=0.0)),[])
check('miss balance',sorted(i for i in bw if t.loc[i,'predicted']=='balance'),sorted(['russia-1807','ussr-1939','egypt-1974']))
check('miss balance: great powers, F = 1',[(c.loc[i,'capability']>=.25,outcome_weakness(get_case(i,c).situation),feasibility(get_case(i,c).situation)) for i in ('russia-1807','ussr-1939')],[(True,0.0,1.0)]*2)
check('egypt support, balance v bandwagon',(c.loc['egypt-1974','allied_support'],c.loc['egypt-1974','own_strength']<=.2,[round(100*get_case('egypt-1974',c).predict().probabilities[k]) for k in ('balance','bandwagon')]),(0.5,True,[57,39]))
check('russia great power',c.loc['russia-1807','capability']>=.25,True)
check('miss neutral',sorted(i for i in bw if t.loc[i,'predicted']=='neutral'),sorted(['persia-1881','hungary-1940','turkey-1945']))
check('bulgaria predicted despite its lesson: a target',[(c.loc[i,'neutrality_lesson']>0,bool(c.loc[i,'target']),t.loc[i,'predicted']) for i in ('bulgaria-1941','bulgaria-1944')],[(True,True,'bandwagon')]*2)
check('miss neutral are bystanders',any(c.loc[i,'target'] for i in bw if t.loc[i,'predicted']=='neutral'),False)
check('miss neutral lesson',all(c.loc[i,'neutrality_lesson']>0 for i in bw if t.loc[i,'predicted']=='neutral'),True)
check('peace bw missed',sorted(i for i in bw if not c.loc[i,'war'] and not t.loc[i,'correct']),sorted(['persia-1881','ussr-1939','egypt-1974']))
check('peace bw: five in all',sorted(i for i in bw if not c.loc[i,'war']),sorted(['persia-1881','yugoslavia-1937','ussr-1939','finland-1948','egypt-1974']))
check('yugo, finland: support .25, F about .3',[(c.loc[i,'allied_support'],round(feasibility(get_case(i,c).situation),1)) for i in ('yugoslavia-1937','finland-1948')],[(.25,.3)]*2)
for cid,I,exp in [('persia-1881',0,'neutral'),('persia-1881',.25,'neutral'),('egypt-1974',.5,'balance'),('egypt-1974',.25,'bandwagon')]:
    cs=get_case(cid,c); check('mild '+cid+str(I),ch(replace(cs.threat,aggressive_intentions=I),cs.situation),exp)
cs=get_case('ussr-1939',c); check('ussr s',cs.situation.own_strength,.45)
check('ussr never',{ch(replace(cs.threat,aggressive_intentions=I),cs.situation) for I in L},{'balance'})
check('intentions peace',[c.loc[i,'aggressive_intentions'] for i in ['persia-1881','yugoslavia-1937','ussr-1939','finland-1948','egypt-1974']],[.75,.75,1.0,.75,.5])
# boxes
for cid,chc,p in [('norway-1949','balance',77),('turkey-1952','neutral',86),('china-1971','balance',94),('romania-1940','balance',96),('yugoslavia-1937','bandwagon',63),('britain-1904','neutral',66)]:
    r=get_case(cid,c).predict(); check('box '+cid,(r.choice,round(100*r.probabilities[r.choice])),(chc,p))
# Britain 1904, observed balance: a miss since the land-power reading (Germany's army 0.17 of the great powers'); 55% balance before it
_b=get_case('britain-1904',c)
check('britain-1904 miss',(c.loc['britain-1904','observed'],round(100*_b.predict().probabilities['balance']),_b.situation.threat_army_share,_b.situation.capability>=.25),('balance',33,0.17,True))
_b0=predict(_b.threat,_b.situation,params=replace(ModelParameters(),land_hegemony=0.0))
check('britain-1904 before the land-power reading',(_b0.choice,round(100*_b0.probabilities['balance'])),('balance',55))
check('norway bw',round(100*get_case('norway-1949',c).predict().probabilities['bandwagon']),5)
check('turkey bw',round(100*get_case('turkey-1952',c).predict().probabilities['bandwagon']),0)
check('turkey lesson',get_case('turkey-1952',c).situation.neutrality_lesson,1.0)
check('romania-1944',[round(100*get_case('romania-1944',c).predict().probabilities[k]) for k in ('balance','bandwagon')],[12,87])
check('romania-1944 support',c.loc['romania-1944','allied_support'],.1)
check('china s',get_case('china-1971',c).situation.own_strength,.4)
y=get_case('yugoslavia-1937',c)
check('yugo bw',round(100*y.predict().probabilities['bandwagon']),63)
check('yugo coding',(y.threat.aggressive_intentions,y.situation.allied_support,round(feasibility(y.situation),2)),(.75,.25,.34))
check('yugo I.5',[pc(replace(y.threat,aggressive_intentions=.5),y.situation,k) for k in ('balance','bandwagon')],[28,68])
# exercises
p=get_case('persia-1881',c)
check('ex3 ch1',(ch(Threat(.75,1,.75,.5),Situation(0,0)),pc(Threat(.75,1,.75,.5),Situation(0,0),'bandwagon')),('bandwagon',92))
check('ex3 data',(p.predict().choice,round(100*p.predict().probabilities['neutral'])),('neutral',89))
check('ex3 coding',(p.threat.aggregate_power,p.threat.proximity,p.threat.offensive_power,p.threat.aggressive_intentions,p.situation.own_strength,p.situation.allied_support),(.45,1.0,.75,.75,.05,.25))
check('ex3 the lesson keeps Persia out',ch(p.threat,replace(p.situation,neutrality_lesson=0))!='neutral',True)
check('ex3 new inputs',(p.situation.capability,p.situation.neutrality_lesson),(0.02,1.0))
check('ex3 singles',[pc(replace(p.threat,aggregate_power=.75),p.situation,'balance'),pc(replace(p.threat,aggressive_intentions=.5),p.situation,'balance'),pc(p.threat,replace(p.situation,allied_support=0),'balance'),pc(p.threat,replace(p.situation,own_strength=0),'balance')],[7,3,3,6])
check('ex3 P bw',pc(replace(p.threat,aggregate_power=.75),p.situation,'bandwagon'),13)
import itertools as _it
_chg={'P':lambda tt,ss:(replace(tt,aggregate_power=.75),ss),'I':lambda tt,ss:(replace(tt,aggressive_intentions=.5),ss),
      'a':lambda tt,ss:(tt,replace(ss,allied_support=0)),'s':lambda tt,ss:(tt,replace(ss,own_strength=0))}
def _ex3(combo):
    tt,ss=p.threat,p.situation
    for x in combo: tt,ss=_chg[x](tt,ss)
    return ch(tt,ss)
check('ex3 no single change or pair flips it',{_ex3(cb) for k in (1,2) for cb in _it.combinations('PIas',k)},{'neutral'})
check('ex3 pair P+a',(ch(replace(p.threat,aggregate_power=.75),replace(p.situation,allied_support=0)),pc(replace(p.threat,aggregate_power=.75),replace(p.situation,allied_support=0),'bandwagon')),('neutral',18))
check('ex3 pair I+a',[pc(replace(p.threat,aggressive_intentions=.5),replace(p.situation,allied_support=0),k) for k in ('balance','bandwagon')],[1,5])
check('ex3 three',pc(replace(p.threat,aggregate_power=.75,aggressive_intentions=.5),replace(p.situation,allied_support=0),'bandwagon'),11)
n=get_case('norway-1949',c)
check('ex4 a.75',[pc(replace(n.threat,aggressive_intentions=I),n.situation,'balance') for I in L],[56,64,71,77,81])
check('ex4 bw',[pc(replace(n.threat,aggressive_intentions=I),n.situation,'bandwagon') for I in (0,1)],[20,3])
check('ex4 a.75 balance wins',{ch(replace(n.threat,aggressive_intentions=I),n.situation) for I in L},{'balance'})
na=replace(n.situation,allied_support=.25)
check('ex4 a.25',[(ch(replace(n.threat,aggressive_intentions=I),na),pc(replace(n.threat,aggressive_intentions=I),na,ch(replace(n.threat,aggressive_intentions=I),na))) for I in L],[('bandwagon',60),('bandwagon',53),('bandwagon',46),('bandwagon',38),('buck-pass',43)])
_p4=lambda I,k: predict(replace(n.threat,aggressive_intentions=I),na).probabilities[k]
check('ex4 a.25: menace adds more to buck-passing than to balancing',_p4(1,'buck-pass')-_p4(0,'buck-pass')>_p4(1,'balance')-_p4(0,'balance')>0,True)
_bw4=[pc(replace(n.threat,aggressive_intentions=I),na,'bandwagon') for I in L]
check('ex4 a.25: each step up in intentions lowers bandwagoning',all(x>y for x,y in zip(_bw4,_bw4[1:])),True)
check('ex4 a.25 I1 balance',pc(replace(n.threat,aggressive_intentions=1),na,'balance'),26)
check('ex4 a.25 F about .3',round(feasibility(na),1),.3)
tk=get_case('turkey-1952',c)
check('ex5 turkey',[pc(tk.threat,replace(tk.situation,allied_support=a),'balance') for a in (.75,.5,.25,0)],[11,9,4,1])
check('ex5 turkey neutral',{pc(tk.threat,replace(tk.situation,allied_support=a),'neutral') for a in (.75,.5,.25,0)},{86})
def _tk_share(a):
    pr=predict(tk.threat,replace(tk.situation,allied_support=a)).probabilities; return round(100*pr['bandwagon']/(1-pr['neutral']))
check('ex5 turkey bw share among aligners',[_tk_share(.75),_tk_share(0)],[3,46])
check('ex5 turkey choice',{ch(tk.threat,replace(tk.situation,allied_support=a)) for a in (.75,.5,.25,0)},{'neutral'})
check('ex5 turkey bw',[pc(tk.threat,replace(tk.situation,allied_support=a),'bandwagon') for a in (.75,0)],[0,6])
nt=replace(n.threat,aggressive_intentions=.25)
check('ex5 norway',[(ch(nt,replace(n.situation,allied_support=a)),pc(nt,replace(n.situation,allied_support=a),ch(nt,replace(n.situation,allied_support=a)))) for a in (.75,.5,.25,0)],[('balance',64),('balance',49),('bandwagon',53),('bandwagon',70)])
check('ex5 norway coded',[(ch(n.threat,replace(n.situation,allied_support=a)),pc(n.threat,replace(n.situation,allied_support=a),ch(n.threat,replace(n.situation,allied_support=a)))) for a in (.5,.25,0)],[('balance',59),('bandwagon',38),('bandwagon',56)])
def score(params):
    out={'all':0,'bal':0,'bw':0,'balwar':0,'bwpeace':0,'new_miss':[]}
    for cid,row in c.iterrows():
        cs=Case(row.to_dict()); r=predict(cs.threat,cs.situation,params=params).choice
        good=r==row.observed; out['all']+=good
        if row.observed=='balance': out['bal']+=good; out['balwar']+=good and row.war
        if row.observed=='bandwagon': out['bw']+=good; out['bwpeace']+=good and not row.war
        if row.observed=='balance' and not good: out['new_miss'].append(cid)
    return out
# Whole-file counts (the record section and Exercise 6's solution): the chapter glues them from
# widgets.model.evaluation.record_counts, so they follow the data file. Checked here: record_counts
# agrees with the independent count above, and the comparisons the prose states in words hold.
from widgets.model.evaluation import record_counts
def rc(params):
    r=record_counts(c,params)
    return {'all':r['correct'],'bal':r['balance_hit'],'bw':r['bandwagon_hit'],'balwar':r['balance_war_hit'],'bwpeace':r['bandwagon_peace_hit']}
s3=score(ModelParameters()); s15=score(ModelParameters(intentions_to_balance=1.5)); s0=score(ModelParameters(intentions_to_balance=0.0))
for name,s,params in (('3.0',s3,ModelParameters()),('1.5',s15,ModelParameters(intentions_to_balance=1.5)),('0',s0,ModelParameters(intentions_to_balance=0.0))):
    check('record_counts agrees '+name,rc(params),{k:v for k,v in s.items() if k!='new_miss'})
r3=record_counts(c)
check('record counts add up',(r3['n'],r3['stayout_obs'],r3['stayout_hit'],r3['balance_war_obs']+r3['balance_peace_obs']),
      (len(c),int(c.observed.isin(['buck-pass','neutral']).sum()),int(t[t.observed.isin(['buck-pass','neutral'])].correct.sum()),r3['balance_obs']))
check('ex6 default misses most peacetime bandwagoners (but not all)',(s3['bwpeace']>0,2*s3['bwpeace']<r3['bandwagon_peace_obs']),(True,True))
check('ex6 1.5: bandwagoning improves, balancing holds, the lower weight fits better',
      (s15['bw']>s3['bw'],s15['bal']==s3['bal'],set(s15['new_miss'])==set(s3['new_miss']),s15['all']>s3['all']),
      (True,True,True,True))
check('ex6 0: some peacetime bandwagoners, balancing falls, fewer wartime balancers right',
      (s0['bwpeace']>0,s0['bal']<s15['bal']==s3['bal'],s0['balwar']<s3['balwar']),(True,True,True))
from widgets.model.alignment import CHOICES
def extent(I,a):
    g=choice_grid(T(.75,I),Situation(0,a),'own_strength','aggregate_power',points=11)
    W=CHOICES.index('bandwagon')
    cells=[(g.x_values[i],g.y_values[j]) for j,row in enumerate(g.choice) for i,cc in enumerate(row) if cc==W]
    return max(x for x,_ in cells), min(y for x,y in cells if x==0)
check('B extent start',extent(.25,.25),(0.2,0.4))
check('B extent a0',extent(.25,0)[0],0.3)

# the printed W, G and F reproduce the model (and so the F range above): W = min(max(0, 1 - 2s), max(0, 1 - c/0.25))
def _W(s, cap): return max(0, 1-2*s) if cap is None else min(max(0, 1-2*s), max(0, 1-cap/0.25))
check('printed W is the model',all(abs(outcome_weakness(Situation(s,a,capability=cap))-_W(s,cap))<1e-12 for s in (0,.1,.25,.5,.8) for a in (0,.5) for cap in (None,0,.05,.1,.3)),True)
check('printed F is the model',all(abs(feasibility(Situation(s,a,capability=cap))-(1-_W(s,cap)*(1-a)))<1e-12 for s in (0,.1,.25,.5,.8) for a in (0,.25,1) for cap in (None,0,.05,.1,.3)),True)
_Fp=[1-_W(c.loc[i,'own_strength'],c.loc[i,'capability'])*(1-c.loc[i,'allied_support']) for i in hits]
check('hits F range from the printed formula',(round(min(_Fp),2),round(max(_Fp),2)),(0.14,0.64))
# F = a only where W = 1: own strength 0 and capability 0 (or not given)
check('F = a needs W = 1',[feasibility(Situation(0,.25,capability=cap)) for cap in (None,0,.05)],[.25,.25,1-.8*.75])
# F's costs on the book's cases, and its mixed record on chapter 8's held-out files (three-way, as chapter 8 scores them)
from widgets.model.evaluation import WITHOUT_FEASIBILITY, walt_predictions
from dataclasses import replace as _rp
from widgets.model.evaluation_heldout import AT_FIRST_FILE, AT_SECOND_FILE, BEFORE_ALL, load_heldout, walt_correct3 as _ho
_AT2_NOF=_rp(AT_SECOND_FILE,resistance_feasibility=0.0)
check('F costs finland-1939',(c.loc['finland-1939','observed'],t.loc['finland-1939','predicted'],ch(get_case('finland-1939',c).threat,get_case('finland-1939',c).situation,WITHOUT_FEASIBILITY)),('balance','bandwagon','balance'))
# 'costs the model one decision elsewhere in the file': the cases F turns from a hit into a miss, four-way and
# three-way (Finland alone: since the land-power reading the Netherlands 1914 is neutral with F too)
from widgets.model.evaluation import THREE_WAY_OF as _3
_nof=walt_predictions(c,params=WITHOUT_FEASIBILITY)
check('F costs one decision (four-way)',[i for i,b in zip(c.index,_nof) if b==c.loc[i,'observed']!=t.loc[i,'predicted']],['finland-1939'])
check('F costs one decision (three-way)',[i for i,b in zip(c.index,_nof) if _3[b]==_3[c.loc[i,'observed']]!=_3[t.loc[i,'predicted']]],['finland-1939'])
# the Netherlands 1914, neutral: predicted neutral with F and without it (since the land-power reading)
check('netherlands-1914 neutral with F and without',(c.loc['netherlands-1914','observed'],t.loc['netherlands-1914','predicted'],ch(get_case('netherlands-1914',c).threat,get_case('netherlands-1914',c).situation,WITHOUT_FEASIBILITY)),('neutral','neutral','neutral'))
check('held-out: F loses one on the first file',_ho('first',AT_FIRST_FILE)-_ho('first',BEFORE_ALL),-1)
check('held-out: F gains one on the second',_ho('second',AT_SECOND_FILE)-_ho('second',_AT2_NOF),1)
_h2=load_heldout('second')
_gained=[i for i,a,b in zip(_h2.index,walt_predictions(_h2,params=AT_SECOND_FILE),walt_predictions(_h2,params=_AT2_NOF)) if a!=b]
check('held-out: the gain is Korea 1904',(_gained,_h2.loc['korea-1904','observed']),(['korea-1904'],'bandwagon'))
# exercise 2: F is 0.25 at s = 0 and 1 at s = 0.5 (support .25); without it the weak state bandwagons less
check('ex2 F',(feasibility(Situation(0,.25)),feasibility(Situation(.5,.25))),(.25,1.0))
check('ex2 without F',[pc(A(P,1,.75),Situation(0,.25),'bandwagon',WITHOUT_FEASIBILITY) for P in L],[11,25,47,69,84])
check('ex2 s.5: F changes nothing',[pc(A(P,1,.75),Situation(.5,.25),'bandwagon',WITHOUT_FEASIBILITY) for P in L],[4,5,5,5,5])


def test_chapter_3_numbers_match_the_model():
    assert not FAILURES, FAILURES


def test_chapter_3_states_the_model_as_it_is():
    import json
    from pathlib import Path
    chapter = Path(__file__).resolve().parents[2] / "chapters" / "03_bandwagoning.ipynb"
    text = " ".join("".join("".join(c["source"]) for c in json.loads(chapter.read_text(encoding="utf-8"))["cells"]).split())
    for claim in ("W = min(max(0, 1 − 2s), max(0, 1 − c/0.25))", "Without capability, W = max(0, 1 − 2s).",
                  "F = 1 − W · (1 − a)", "*F* lies between 0.14 and 0.64",
                  "for a negligible state, one with *W* = 1 (own strength 0, and capability 0 where it is given), *F* equals",
                  "This is the book's reading of Walt, not a qualification he states.",
                  "Finland in 1939, which fought the Winter War, becomes a predicted bandwagoner",
                  "also costs the model one decision elsewhere in the file (Finland in 1939, which fought the Winter War, becomes a predicted bandwagoner); on the held-out",
                  "so each balanced. The model predicts Bavaria and Romania. It misses Japan,",
                  "the American armed forces were 0.03 of the great powers' in 1940", "predicts that Japan stays out (98%)",
                  "For Turkey it predicts staying out (86%), a miss", "(57% against 39%)",
                  "The model misses this step.", "0.17 of the great powers' in 1904",
                  "predicts neutrality (66%, balancing 33%)", "it predicted balancing (55%)",
                  "gives staying neutral (89%)", "balancing at 7% (bandwagoning 13%)",
                  "Turkey stays out throughout (86%", "falls from 11% to 9%, 4% and 1%",
                  "one decision lost on the first file and one gained (Korea in 1904) on the second",
                  "What separates the peacetime hits from the misses?",
                  "11%, 25%, 47%, 69% and 84%"):
        assert claim in text, claim
    for stale in ("Walt's own qualification", "max(0, 1 − 2s) · P", "Why the remaining peacetime misses?",
                  "the Netherlands in 1914 moves from neutrality",
                  "a second (the Netherlands in 1914", "and the model predicts all three"):
        assert stale not in text, stale
