import json,sys,os,re
root=sys.argv[1]; g=json.load(open(os.path.join(root,'gold.json'))); bad=0
docs={os.path.splitext(f)[0]:open(os.path.join(root,'docs',f),encoding='utf-8').read() for f in os.listdir(os.path.join(root,'docs'))}
assert set(docs)==set(g['documents']), (set(docs)^set(g['documents']))
for d,t in docs.items():
    first=t.split('\n',1)[0]; n=len(t.split())
    print(f"{d}: {n} words, first line={first!r}, gold date={g['documents'][d]['date']}")
for sec in ('findings','traps','clusters'):
    for it in g[sec]:
        for e in it.get('evidence',it.get('members')):
            q=e['quote']; c=docs[e['doc']].count(q); w=len(q.split())
            if c!=1 or not 3<=w<=12: bad+=1; print('BAD',sec,it['id'],e['doc'],repr(q),'count',c,'words',w)
print('findings',len(g['findings']),'traps',len(g['traps']),'clusters',len(g['clusters']),
      'trap kinds',sorted({t['kind'] for t in g['traps']}),'finding kinds',sorted({t['kind'] for t in g['findings']}))
print('BAD',bad); sys.exit(1 if bad else 0)
